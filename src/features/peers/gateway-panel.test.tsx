// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArmClient } from '../../azure/arm-client';
import { ArmError } from '../../azure/arm-error';
import { GatewayPanel } from './gateway-panel';
import { makePeer } from '../../testing/peer-fixtures';
import { renderWithArm } from '../../testing/render-with-arm';
import { bgpKeys } from '../../queries/query-keys';

const GW = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/vpngw-1';

afterEach(cleanup);

function renderPanel(getBgpPeerStatus: ArmClient['getBgpPeerStatus']) {
  const gateway = { id: GW, name: 'vpngw-1', summary: null, error: null };
  return renderWithArm(<GatewayPanel gateway={gateway} intervalMs={60_000} />, { getBgpPeerStatus }).queryClient;
}

describe('GatewayPanel', () => {
  it('a gateway that answers 429 keeps its last peers and says it is throttled', async () => {
    const getBgpPeerStatus = vi
      .fn()
      .mockResolvedValueOnce([makePeer({ neighbor: '10.1.0.4' })])
      .mockRejectedValue(
        new ArmError({ code: 'TooManyRequests', message: 'Too many requests.', status: 429, retryAfterMs: 100_000 }),
      );
    const queryClient = renderPanel(getBgpPeerStatus);

    await screen.findByTestId('peer-row');
    expect(screen.queryByTestId('stale-marker')).toBeNull();

    await act(() => queryClient.refetchQueries({ queryKey: bgpKeys.all }));

    await waitFor(() => expect(getBgpPeerStatus).toHaveBeenCalledTimes(2));
    const marker = await screen.findByTestId('stale-marker');
    expect(marker.textContent).toMatch(/STALE.*Azure is throttling requests \(HTTP 429\).*TooManyRequests: Too many requests\./);
    expect(screen.getByTestId('peer-row').getAttribute('data-neighbor')).toBe('10.1.0.4');
    expect(screen.getByRole('heading', { name: 'vpngw-1' })).toBeTruthy();
  });

  it('dims stale rows and keeps the age in the header, apart from the STALE box', async () => {
    const getBgpPeerStatus = vi
      .fn()
      .mockResolvedValueOnce([makePeer({ neighbor: '10.1.0.4' })])
      .mockRejectedValue(new ArmError({ code: 'TooManyRequests', message: 'Too many requests.', status: 429, retryAfterMs: 100_000 }));
    const queryClient = renderPanel(getBgpPeerStatus);
    await screen.findByTestId('peer-row');
    expect(screen.getByTestId('peer-row').getAttribute('data-stale')).toBe('false');
    await act(() => queryClient.refetchQueries({ queryKey: bgpKeys.all }));
    const marker = await screen.findByTestId('stale-marker');
    const row = screen.getByTestId('peer-row');
    expect(row.getAttribute('data-stale')).toBe('true');
    expect(row.className).toContain('text-slate-400');
    expect(row.className).not.toMatch(/opacity/);
    const age = screen.getByTestId('panel-age');
    expect(age.closest('header')).not.toBeNull();
    expect(marker.closest('header')).toBeNull();
    expect(marker.contains(age)).toBe(false);
  });

  it('shows the CloudError code and message when there is no data at all', async () => {
    renderPanel(vi.fn().mockRejectedValue(new ArmError({ code: 'AuthorizationFailed', message: 'No access.', status: 403 })));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('AuthorizationFailed — No access.');
  });

  it('says it is waiting while the first operation runs', () => {
    renderPanel(() => new Promise(() => {}));
    expect(screen.getByRole('status').textContent).toMatch(/Waiting for the first peer status/);
  });

  it('shows how long ago the peers were read in a <time> element', async () => {
    renderPanel(vi.fn().mockResolvedValue([makePeer()]));
    await waitFor(() => expect(document.querySelector('time')?.textContent).toBe('0s ago'));
  });
});
