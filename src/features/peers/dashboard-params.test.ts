import { describe, expect, it } from 'vitest';
import { panelsCollapsedFor, problemsOnlyFor, readDashboardView, writeDashboardView } from './dashboard-params';

describe('the dashboard view in the URL', () => {
  it('reads search, problems, state, sort and collapsed; unknown values are the defaults', () => {
    const view = readDashboardView(new URLSearchParams('q=10.2.&problems=0&state=idle&sort=asn.desc&collapsed=1'));
    expect(view).toEqual({ query: '10.2.', problems: false, state: 'Idle', sort: { key: 'asn', direction: 'descending' }, collapsed: true });
    const odd = readDashboardView(new URLSearchParams('problems=maybe&state=Sleeping&sort=color.up'));
    expect(odd).toEqual({ query: '', problems: null, state: null, sort: { key: 'state', direction: 'ascending' }, collapsed: null });
  });

  it('problems only and folded panels by default past 10 gateways, unless the URL says otherwise', () => {
    const none = readDashboardView(new URLSearchParams());
    expect(problemsOnlyFor(none, 10)).toBe(false);
    expect(problemsOnlyFor(none, 11)).toBe(true);
    expect(panelsCollapsedFor(none, 11)).toBe(true);
    const off = readDashboardView(new URLSearchParams('problems=0&collapsed=0'));
    expect(problemsOnlyFor(off, 200)).toBe(false);
    expect(panelsCollapsedFor(off, 200)).toBe(false);
  });

  it('writes only what differs from the defaults and keeps other parameters (watch, tenant) as they are', () => {
    const start = new URLSearchParams('watch=a,b&tenant=t1&q=old&sort=asn.desc');
    const next = writeDashboardView(start, { query: '  ', sort: { key: 'state', direction: 'ascending' }, state: 'not-trying', problems: false });
    expect(next.toString()).toBe('watch=a%2Cb&tenant=t1&problems=0&state=not-trying');
    expect(writeDashboardView(next, { state: null, problems: null }).toString()).toBe('watch=a%2Cb&tenant=t1');
    expect(start.get('q')).toBe('old');
  });
});
