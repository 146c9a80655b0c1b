// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import type { ComponentProps } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArmClient } from '../../azure/arm-client';
import type { GatewaySummary } from '../../azure/gateways';
import type { AppConfig } from '../../config/app-config';
import { makePeer, makeGatewaySummary } from '../../testing/peer-fixtures';
import { renderWithArm } from '../../testing/render-with-arm';
import { Dashboard } from './dashboard';

const SUB = '11111111-2222-4333-8444-555555555555';
const gatewayId = (name: string) =>
  `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/${name}`;
const IDS = ['gw-a', 'gw-broken', 'gw-c'].map(gatewayId);

// Stands in for a rendering bug that only one gateway's data triggers.
vi.mock('../../features/peers/gateway-panel', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../features/peers/gateway-panel')>();
  return {
    ...actual,
    GatewayPanel: (props: ComponentProps<typeof actual.GatewayPanel>) => {
      if (props.gateway.name === 'gw-broken') throw new Error('cannot draw gw-broken');
      return <actual.GatewayPanel {...props} />;
    },
  };
});

afterEach(cleanup);

const summary = (id: string): GatewaySummary => makeGatewaySummary(id, { subscriptionId: SUB });

describe('Dashboard error boundaries', () => {
  it('a panel that fails to render shows its own error while the other gateways keep their peers', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const client: Partial<ArmClient> = {
      getGateway: vi.fn(async (id: string) => summary(id)),
      getBgpPeerStatus: vi.fn(async () => [makePeer()]),
    };
    const config = { pollingIntervalSeconds: 60, gateways: IDS } as unknown as AppConfig;
    renderWithArm(<Dashboard config={config} />, client);

    await waitFor(() => expect(screen.getAllByTestId('peer-row')).toHaveLength(2));
    const panels = screen.getAllByTestId('gateway-panel');
    expect(panels).toHaveLength(3);
    const broken = panels.find((p) => p.getAttribute('data-gateway-id') === IDS[1]);
    expect(within(broken!).getByRole('alert').textContent).toContain('cannot draw gw-broken');
    expect(within(broken!).getByRole('button', { name: 'Retry now' })).toBeTruthy();
    for (const id of [IDS[0], IDS[2]]) {
      const panel = panels.find((p) => p.getAttribute('data-gateway-id') === id);
      expect(within(panel!).getAllByTestId('peer-row')).toHaveLength(1);
    }
  });
});
