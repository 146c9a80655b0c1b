import { sendJson } from '../http-io';
import type { Fleet, Subscription } from '../simulation/fleet';
import type { ArmHandler } from './arm-request';
import { sendCloudError } from './cloud-error';

/** `GET /subscriptions`, `GET /subscriptions/{id}` and `GET /tenants`. */

export function findSubscription(fleet: Fleet, subscriptionId: string): Subscription | undefined {
  return fleet.subscriptions.find((s) => s.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());
}

export const listSubscriptions: ArmHandler = ({ res }, { simulation: { fleet } }) =>
  sendJson(res, 200, { value: fleet.subscriptions.map(subscriptionJson), count: { type: 'Total', value: fleet.subscriptions.length } });

export const getSubscription: ArmHandler = ({ res, route }, { simulation: { fleet } }) => {
  const subscription = findSubscription(fleet, route.subscriptionId ?? '');
  if (!subscription) return sendCloudError(res, 404, 'SubscriptionNotFound', `The subscription '${route.subscriptionId}' could not be found.`);
  return sendJson(res, 200, subscriptionJson(subscription));
};

export const listTenants: ArmHandler = ({ res }, { simulation: { fleet } }) =>
  sendJson(res, 200, {
    value: [
      {
        id: `/tenants/${fleet.tenantId}`,
        tenantId: fleet.tenantId,
        tenantCategory: 'Home',
        countryCode: 'US',
        displayName: 'Contoso (emulated)',
        domains: ['contoso.example'],
        defaultDomain: 'contoso.example',
        tenantType: 'AAD',
      },
    ],
  });

function subscriptionJson(subscription: { subscriptionId: string; displayName: string; tenantId: string }) {
  return {
    id: `/subscriptions/${subscription.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: subscription.subscriptionId,
    tenantId: subscription.tenantId,
    displayName: subscription.displayName,
    state: 'Enabled',
    subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'EnterpriseAgreement_2014-09-01', spendingLimit: 'Off' },
  };
}
