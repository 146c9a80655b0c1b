import { sendJson } from '../http-io';
import type { Fleet, ResourceGroup, Subscription, TenantEstate } from '../simulation/fleet';
import type { ArmHandler } from './arm-request';
import { sendCloudError } from './cloud-error';

/** `GET /subscriptions`, `GET /subscriptions/{id}` and `GET /tenants`. */

/** Any tenant's subscription (the tenant check is the pipeline's, before any handler runs). */
export function findSubscription(fleet: Fleet, subscriptionId: string): Subscription | undefined {
  return fleet.tenants.flatMap((tenant) => tenant.subscriptions).find((s) => s.subscriptionId.toLowerCase() === subscriptionId.toLowerCase());
}

export function findResourceGroup(fleet: Fleet, subscriptionId: string, resourceGroup: string): ResourceGroup | undefined {
  return fleet.tenants
    .flatMap((tenant) => tenant.resourceGroups)
    .find((g) => g.subscriptionId.toLowerCase() === subscriptionId.toLowerCase() && g.name.toLowerCase() === resourceGroup.toLowerCase());
}

export function tenantEstate(fleet: Fleet, tenantId: string): TenantEstate | undefined {
  return fleet.tenants.find((tenant) => tenant.tenantId.toLowerCase() === tenantId.toLowerCase());
}

/** Like ARM: only the subscriptions of the tenant the token was issued for. */
export const listSubscriptions: ArmHandler = ({ res, principal }, { simulation: { fleet } }) => {
  const subscriptions = tenantEstate(fleet, principal?.tid ?? fleet.tenantId)?.subscriptions ?? [];
  sendJson(res, 200, { value: subscriptions.map(subscriptionJson), count: { type: 'Total', value: subscriptions.length } });
};

export const getSubscription: ArmHandler = ({ res, route }, { simulation: { fleet } }) => {
  const subscription = findSubscription(fleet, route.subscriptionId ?? '');
  if (!subscription) return sendCloudError(res, 404, 'SubscriptionNotFound', `The subscription '${route.subscriptionId}' could not be found.`);
  return sendJson(res, 200, subscriptionJson(subscription));
};

/**
 * Every directory the user belongs to, whichever tenant the token is from. Azure labels a tenant
 * where the user is a B2B guest `Home` too (`ProjectedBy` / `ManagedBy` are Azure Lighthouse's).
 */
export const listTenants: ArmHandler = ({ res }, { simulation: { fleet } }) =>
  sendJson(res, 200, {
    value: fleet.tenants.map((tenant) => ({
      id: `/tenants/${tenant.tenantId}`,
      tenantId: tenant.tenantId,
      tenantCategory: 'Home',
      countryCode: 'US',
      displayName: tenant.displayName,
      domains: [tenant.defaultDomain],
      defaultDomain: tenant.defaultDomain,
      tenantType: 'AAD',
    })),
    count: { type: 'Total', value: fleet.tenants.length },
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
