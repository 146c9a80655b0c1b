// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from './app';

afterEach(cleanup);

describe('App', () => {
  it('lists every config problem instead of starting, never a blank page', () => {
    render(
      <App
        configResult={{
          ok: false,
          problems: ['auth.clientId: must not be empty', 'gateways[2]: is the same gateway as gateways[0]'],
        }}
      />,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toMatch(/config\.json needs fixing/);
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['auth.clientId: must not be empty', 'gateways[2]: is the same gateway as gateways[0]']);
    expect(screen.getByRole('alert').textContent).toContain('2 problems');
  });
});
