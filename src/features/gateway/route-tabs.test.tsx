// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RouteTabs, routeTabFromParam } from './route-tabs';

afterEach(cleanup);

describe('RouteTabs', () => {
  it('marks the open tab selected and labels its panel with it', () => {
    render(
      <RouteTabs tab="advertised" onSelect={() => {}}>
        <p>advertised table</p>
      </RouteTabs>,
    );
    const advertised = screen.getByRole('tab', { name: 'Advertised routes' });
    expect(advertised.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tab', { name: 'Learned routes' }).getAttribute('aria-selected')).toBe('false');
    const panel = screen.getByRole('tabpanel', { name: 'Advertised routes' });
    expect(panel.id).toBe(advertised.getAttribute('aria-controls'));
    expect(panel.textContent).toBe('advertised table');
    // Roving tabindex: only the selected tab is in the Tab order.
    expect(advertised.tabIndex).toBe(0);
    expect(screen.getByRole('tab', { name: 'Learned routes' }).tabIndex).toBe(-1);
  });

  it('renders no panel (so reads no routes) until a tab is chosen', () => {
    render(
      <RouteTabs tab={null} onSelect={() => {}}>
        <p>table</p>
      </RouteTabs>,
    );
    expect(screen.queryByRole('tabpanel')).toBeNull();
    expect(screen.queryByText('table')).toBeNull();
  });

  it('selects with a click and with the arrow keys, wrapping around', () => {
    const onSelect = vi.fn();
    render(
      <RouteTabs tab="learned" onSelect={onSelect}>
        <p>learned table</p>
      </RouteTabs>,
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Advertised routes' }));
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Learned routes' }), { key: 'ArrowLeft' });
    fireEvent.keyDown(screen.getByRole('tab', { name: 'Learned routes' }), { key: 'Home' });
    expect(onSelect.mock.calls).toEqual([['advertised'], ['advertised'], ['learned']]);
  });
});

describe('routeTabFromParam', () => {
  it('accepts only the two tab names', () => {
    expect(routeTabFromParam('learned')).toBe('learned');
    expect(routeTabFromParam('advertised')).toBe('advertised');
    expect(routeTabFromParam('Learned')).toBeNull();
    expect(routeTabFromParam(null)).toBeNull();
  });
});
