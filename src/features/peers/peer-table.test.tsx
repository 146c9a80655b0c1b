// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { BgpPeerState } from '../../azure/bgp-peer-status';
import { makePeer } from '../../testing/peer-fixtures';
import { PeerStateBadge } from '../../components/peer-state-badge';
import { PeerTable } from './peer-table';

afterEach(cleanup);

function rowNeighbors(): string[] {
  return screen.getAllByTestId('peer-row').map((row) => row.getAttribute('data-neighbor') ?? '');
}

function cellOf(neighbor: string, columnName: string): HTMLElement {
  const headers = screen.getAllByRole('columnheader').map((th) => th.textContent?.replace(/[▲▼]/g, '').trim());
  const row = screen.getAllByTestId('peer-row').find((r) => r.getAttribute('data-neighbor') === neighbor);
  const cell = row?.querySelectorAll('td')[headers.indexOf(columnName)];
  if (!cell) throw new Error(`no ${columnName} cell for ${neighbor}`);
  return cell;
}

describe('PeerStateBadge', () => {
  const states: BgpPeerState[] = ['Connected', 'Connecting', 'Idle', 'Stopped', 'Unknown'];

  it('gives each state its own word and its own icon shape', () => {
    render(
      <div>
        {states.map((state) => (
          <PeerStateBadge key={state} state={state} />
        ))}
      </div>,
    );
    const badges = states.map((state) => document.querySelector(`[data-state="${state}"]`));
    expect(badges.map((b) => b?.textContent)).toEqual(['Connected', 'Connecting', 'Idle', 'Stopped', '?Unknown']);
    const shapes = badges.map((b) => b?.querySelector('svg')?.innerHTML);
    expect(new Set(shapes).size).toBe(states.length);
  });

  it('shows the raw value of a state ARM sent that we do not know', () => {
    render(<PeerStateBadge state="Unknown" rawState="Flapping" />);
    expect(screen.getByText('Unknown (Flapping)')).toBeTruthy();
  });
});

describe('PeerTable', () => {
  const peers = [
    makePeer({ neighbor: '10.1.0.4', localAddress: '10.0.0.5', asn: 65010, messagesSent: 1234567 }),
    makePeer({ neighbor: '10.1.0.4', localAddress: '10.0.0.4', asn: 65010 }),
    makePeer({
      neighbor: '10.1.0.9',
      state: 'Idle',
      asn: 12076,
      connectedDuration: null,
      connectedSeconds: null,
      routesReceived: null,
    }),
  ];

  it('is a real table with column headers', () => {
    render(<PeerTable peers={peers} gatewayName="vpngw-1" />);
    const table = screen.getByRole('table', { name: 'BGP peers of vpngw-1' });
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent?.replace(/[▲▼]/g, ''))).toEqual([
      'Neighbor',
      'Instance',
      'ASN',
      'State',
      'Connected for',
      'Routes received',
      'Messages sent',
      'Messages received',
    ]);
  });

  it('shows the dropped peer first', () => {
    render(<PeerTable peers={peers} gatewayName="vpngw-1" />);
    expect(rowNeighbors()[0]).toBe('10.1.0.9');
    expect(screen.getByRole('columnheader', { name: /State/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  it('formats values: thousands separators, duration in words with the raw TimeSpan, "—" when missing', () => {
    render(<PeerTable peers={peers} gatewayName="vpngw-1" activeActive />);
    const sent = screen.getAllByTestId('peer-row').find((r) => r.getAttribute('data-local-address') === '10.0.0.5');
    expect(sent?.textContent).toContain('1,234,567');

    const connected = cellOf('10.1.0.9', 'Connected for');
    expect(connected.textContent).toBe('—');
    expect(cellOf('10.1.0.9', 'Routes received').textContent).toBe('—');

    const healthy = screen.getAllByTestId('peer-row')[1]?.querySelectorAll('td')[4];
    expect(healthy?.textContent).toBe('9d 1h (9.01:04:53.5768637)');
    expect(healthy?.querySelector('[title]')?.getAttribute('title')).toBe('9.01:04:53.5768637');
  });

  it('labels the instances of an active-active gateway and tags private and public ASNs', () => {
    render(<PeerTable peers={peers} gatewayName="vpngw-1" activeActive />);
    const rows = screen.getAllByTestId('peer-row');
    const byLocal = (address: string) =>
      rows.find((r) => r.dataset.neighbor === '10.1.0.4' && r.dataset.localAddress === address);
    expect(byLocal('10.0.0.4')?.querySelectorAll('td')[1]?.textContent).toBe('Instance 0 10.0.0.4');
    expect(byLocal('10.0.0.5')?.querySelectorAll('td')[1]?.textContent).toBe('Instance 1 10.0.0.5');
    expect(cellOf('10.1.0.9', 'ASN').textContent).toBe('12076 public');
    expect(byLocal('10.0.0.4')?.querySelectorAll('td')[2]?.textContent).toBe('65010 private');
  });

  it('sorts by a column when its header is clicked, and reverses on a second click', () => {
    render(<PeerTable peers={peers} gatewayName="vpngw-1" />);
    fireEvent.click(screen.getByRole('button', { name: /^ASN/ }));
    expect(rowNeighbors()).toEqual(['10.1.0.9', '10.1.0.4', '10.1.0.4']);
    expect(screen.getByRole('columnheader', { name: /ASN/ }).getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(screen.getByRole('button', { name: /^ASN/ }));
    expect(rowNeighbors()).toEqual(['10.1.0.4', '10.1.0.4', '10.1.0.9']);
    expect(screen.getByRole('columnheader', { name: /ASN/ }).getAttribute('aria-sort')).toBe('descending');
  });

  it('filters by state with counts on the buttons', () => {
    render(<PeerTable peers={peers} gatewayName="vpngw-1" />);
    const idle = screen.getByRole('button', { name: 'Idle 1' });
    fireEvent.click(idle);
    expect(idle.getAttribute('aria-pressed')).toBe('true');
    expect(rowNeighbors()).toEqual(['10.1.0.9']);
    fireEvent.click(screen.getByRole('button', { name: 'All 3' }));
    expect(rowNeighbors()).toHaveLength(3);
  });

  it('shows data problems next to the neighbor as text', () => {
    render(<PeerTable peers={[makePeer({ asn: null, problems: ['asn is missing'] })]} gatewayName="vpngw-1" />);
    expect(screen.getByText('asn is missing')).toBeTruthy();
  });

  it('says so when a gateway has no peers', () => {
    render(<PeerTable peers={[]} gatewayName="vpngw-1" />);
    expect(screen.getByText('This gateway reports no BGP peers.')).toBeTruthy();
  });
});

describe('PeerTable with hostile values', () => {
  it('shows markup as text, cuts absurdly long addresses and keeps a badge badge-sized', () => {
    const markup = '<img src=x onerror="alert(1)">';
    const long = 'x'.repeat(256);
    render(
      <PeerTable
        gatewayName="gw"
        peers={[
          makePeer({ neighbor: markup, localAddress: long, state: 'Unknown', rawState: `${'Flapping'.repeat(10)}` }),
        ]}
      />,
    );
    const row = screen.getByTestId('peer-row');
    expect(row.querySelector('img')).toBeNull();
    expect(within(row).getByText(markup)).toBeTruthy();
    expect(row.textContent).toContain(`${'x'.repeat(64)}…`);
    expect(row.textContent).not.toContain('x'.repeat(65));
    expect(row.querySelector('[data-state="Unknown"]')?.textContent).toBe(`?Unknown (${'Flapping'.repeat(5)}…)`);
  });
});
