import { describe, expect, it } from 'vitest';
import { FlagError, parseFlags, USAGE } from './cli-flags';
import { DEFAULT_REDIRECT_URIS } from './emulator-constants';

describe('emulator flags', () => {
  it('defaults to a small fleet on ports 8710 and 8711', () => {
    expect(parseFlags([])).toEqual({
      help: false,
      flags: {
        port: 8710,
        identityPort: 8711,
        host: '127.0.0.1',
        seed: 1,
        fleet: 'small',
        speed: 1,
        lroSeconds: 2,
        tokenLifetimeSeconds: 3600,
        redirectUris: DEFAULT_REDIRECT_URIS,
        corsExpose: 'all',
        armBudgetScale: 1,
        refuseResourceGraph: false,
        bgpOffGateways: 0,
      },
    });
  });

  it('reads every flag, with repeatable redirect URIs added to the defaults', () => {
    const parsed = parseFlags([
      '--port', '0', '--identity-port=0', '--seed', '42', '--fleet', 'large', '--speed', '60',
      '--lro-seconds', '0.5', '--token-lifetime', '30', '--redirect-uri', 'http://localhost:9000/', '--redirect-uri', 'http://localhost:9001/',
      '--cors-expose', 'none', '--arm-budget-scale', '1000', '--resource-graph-page-cap', '40', '--refuse-resource-graph', '--bgp-off-gateways', '3',
    ]);
    if (parsed.help) throw new Error('help');
    expect(parsed.flags).toMatchObject({ port: 0, identityPort: 0, seed: 42, fleet: 'large', speed: 60, lroSeconds: 0.5, tokenLifetimeSeconds: 30, corsExpose: 'none', armBudgetScale: 1000, resourceGraphPageCap: 40, refuseResourceGraph: true, bgpOffGateways: 3 });
    expect(parsed.flags.redirectUris).toEqual([...DEFAULT_REDIRECT_URIS, 'http://localhost:9000/', 'http://localhost:9001/']);
  });

  it('asks for help', () => {
    expect(parseFlags(['--help'])).toEqual({ help: true });
  });

  it('lists --cors-expose in --help', () => {
    expect(USAGE).toMatch(/--cors-expose WHICH\s+all: .*\| none:/s);
  });

  it.each([
    [['--fleet', 'huge'], /--fleet must be one of small, noc, large/],
    [['--port', 'abc'], /--port must be an integer/],
    [['--port', '70000'], /--port must be an integer from 0 to 65535/],
    [['--speed', '0'], /--speed/],
    [['--lro-seconds', '-1'], /--lro-seconds/],
    [['--arm-budget-scale', '0'], /--arm-budget-scale must be a number/],
    [['--redirect-uri', 'not a url'], /--redirect-uri/],
    [['--colour', 'blue'], /colour/],
    [['--cors-expose', 'some'], /--cors-expose must be all or none/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseFlags(argv)).toThrow(FlagError);
    expect(() => parseFlags(argv)).toThrow(message);
  });
});
