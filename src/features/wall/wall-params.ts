import * as v from 'valibot';
import { isArmError } from '../../azure/arm-error';
import { parseGatewayId } from '../../azure/resource-id';
import { parseMuteParam, type MaintenanceWindow } from '../../bgp/maintenance';

/**
 * A wall screen is set up once (a bookmarked URL in a kiosk browser) and rebooted unattended:
 * everything it shows comes from the query string, and a typo must say what is wrong on the
 * screen instead of silently showing something else.
 */
export const WALL_PARTS = ['summary', 'tiles', 'changes'] as const;
export type WallPart = (typeof WALL_PARTS)[number];

export const DEFAULT_ROTATE_SECONDS = 20;

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** A text parameter turned into a value, with one problem per thing wrong with it. */
const fromText = <T>(read: (value: string, problem: (message: string) => void) => T) =>
  v.pipe(
    v.string(),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      let failed = false;
      const value = read(dataset.value, (message) => {
        failed = true;
        addIssue({ message });
      });
      return failed ? NEVER : value;
    }),
  );

const gatewaysParam = fromText((text, problem): 'all' | string[] => {
  const value = text.trim();
  if (value === '' || value.toLowerCase() === 'all') return 'all';
  const ids: string[] = [];
  for (const item of list(value)) {
    try {
      ids.push(parseGatewayId(item).id);
    } catch (error) {
      problem(isArmError(error) ? `entry ${error.message}` : `entry "${item}" is not a gateway resource ID`);
    }
  }
  return [...new Set(ids)];
});

const choice = <T extends string>(options: readonly T[], message: string) =>
  v.pipe(v.string(), v.trim(), v.toLowerCase(), v.picklist(options, message));

const onOff = v.pipe(
  choice(['on', 'off'], 'must be "on" or "off"'),
  v.transform((value) => value === 'on'),
);

const wholeNumber = (min: number, max: number, what: string) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.regex(/^\d+$/, `must be a whole number of ${what}`),
    v.transform(Number),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );

/** `mute=`: maintenance windows carried by the URL (see bgp/maintenance.ts for the format). */
const muteParam = (nowMs: number) =>
  fromText((text, problem): MaintenanceWindow[] => {
    const { windows, problems } = parseMuteParam(text, nowMs);
    problems.forEach(problem);
    return windows;
  });

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A default is the text an absent parameter stands for (valibot parses a default like a value).
const wallParamsSchema = (nowMs: number) =>
  v.object({
    gateways: v.optional(gatewaysParam, 'all'),
    subscription: v.optional(
      v.pipe(
        v.string(),
        v.transform(list),
        v.array(v.pipe(v.string(), v.regex(GUID, 'must be subscription IDs (GUIDs), comma-separated'))),
        v.transform((ids) => ids.map((id) => id.toLowerCase())),
      ),
      '',
    ),
    type: v.optional(choice(['vpn', 'expressroute'], 'must be "vpn" or "expressroute"')),
    name: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(80, 'must be at most 80 characters'))),
    // 0 keeps the first page on screen; below 5 s nobody can read a page before it goes.
    rotate: v.optional(
      v.pipe(
        wholeNumber(0, 3600, 'seconds'),
        v.check((seconds) => seconds === 0 || seconds >= 5, 'must be 0 (no rotation) or at least 5 seconds'),
      ),
      String(DEFAULT_ROTATE_SECONDS),
    ),
    show: v.optional(
      v.pipe(
        v.string(),
        v.transform(list),
        v.array(v.picklist(WALL_PARTS, `must list some of ${WALL_PARTS.join(', ')}`)),
        v.minLength(1, `must list at least one of ${WALL_PARTS.join(', ')}`),
      ),
      WALL_PARTS.join(','),
    ),
    theme: v.optional(choice(['dark', 'light'], 'must be "dark" or "light"'), 'dark'),
    sound: v.optional(onOff, 'off'),
    page: v.optional(wholeNumber(1, 1000, 'pages'), '1'),
    mute: v.optional(muteParam(nowMs), ''),
    // The directory the screen shows, read by the app around every page (src/queries/use-tenant.ts).
    tenant: v.optional(v.string()),
  });

export type WallParams = {
  gateways: 'all' | string[];
  subscription: string[];
  type?: 'vpn' | 'expressroute';
  name?: string;
  rotateSeconds: number;
  show: ReadonlySet<WallPart>;
  theme: 'dark' | 'light';
  sound: boolean;
  /** 1-based, as written in the URL. */
  startPage: number;
  /** Maintenance windows from `mute=` (ones already over left out). */
  mute: MaintenanceWindow[];
};

export type WallParamsResult = { ok: true; params: WallParams } | { ok: false; problems: string[] };

export const WALL_PARAM_NAMES = ['gateways', 'subscription', 'type', 'name', 'rotate', 'show', 'theme', 'sound', 'page', 'mute', 'tenant'];

/** Reads `/wall?…`; every problem names its parameter, so the person at the screen can fix the URL. */
export function parseWallParams(search: string | URLSearchParams, nowMs: number = Date.now()): WallParamsResult {
  const query = typeof search === 'string' ? new URLSearchParams(search) : search;
  const input: Record<string, string> = {};
  const problems: string[] = [];
  for (const [key, value] of query) {
    if (key in input) problems.push(`"${key}" is given more than once`);
    input[key] = value;
  }
  for (const key of Object.keys(input)) {
    if (!WALL_PARAM_NAMES.includes(key)) problems.push(`"${key}" is not a wall parameter (known: ${WALL_PARAM_NAMES.join(', ')})`);
  }
  const parsed = v.safeParse(wallParamsSchema(nowMs), input);
  if (!parsed.success) {
    for (const issue of parsed.issues) problems.push(`"${String(issue.path?.[0]?.key ?? '?')}" ${issue.message}`);
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  const { gateways, subscription, type, name, rotate, show, theme, sound, page, mute } = parsed.output;
  return {
    ok: true,
    params: {
      gateways,
      subscription,
      ...(type ? { type } : {}),
      ...(name ? { name } : {}),
      rotateSeconds: rotate,
      show: new Set(show),
      theme,
      sound,
      startPage: page,
      mute,
    },
  };
}
