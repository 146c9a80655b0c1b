import { z } from 'zod';
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

const gatewaysParam = z
  .string()
  .trim()
  .transform((value, ctx): 'all' | string[] => {
    if (value === '' || value.toLowerCase() === 'all') return 'all';
    const ids: string[] = [];
    for (const item of list(value)) {
      try {
        ids.push(parseGatewayId(item).id);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: isArmError(error) ? `entry ${error.message}` : `entry "${item}" is not a gateway resource ID`,
        });
      }
    }
    return [...new Set(ids)];
  });

const onOff = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['on', 'off'], { error: 'must be "on" or "off"' }))
  .transform((value) => value === 'on');

const wholeNumber = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number of ${what}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** `mute=`: maintenance windows carried by the URL (see bgp/maintenance.ts for the format). */
const muteParam = (nowMs: number) =>
  z.string().transform((value, ctx): MaintenanceWindow[] => {
    const { windows, problems } = parseMuteParam(value, nowMs);
    for (const problem of problems) ctx.addIssue({ code: 'custom', message: problem });
    return windows;
  });

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const wallParamsSchema = (nowMs: number) =>
  z.strictObject(
  {
    gateways: gatewaysParam.default('all'),
    subscription: z
      .string()
      .transform(list)
      .pipe(z.array(z.string().regex(GUID, 'must be subscription IDs (GUIDs), comma-separated')))
      .transform((ids) => ids.map((id) => id.toLowerCase()))
      .default([]),
    type: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['vpn', 'expressroute'], { error: 'must be "vpn" or "expressroute"' }))
      .optional(),
    name: z.string().trim().max(80, 'must be at most 80 characters').optional(),
    // 0 keeps the first page on screen; below 5 s nobody can read a page before it goes.
    rotate: wholeNumber(0, 3600, 'seconds')
      .refine((seconds) => seconds === 0 || seconds >= 5, 'must be 0 (no rotation) or at least 5 seconds')
      .default(DEFAULT_ROTATE_SECONDS),
    show: z
      .string()
      .transform(list)
      .pipe(
        z
          .array(z.enum(WALL_PARTS, { error: `must list some of ${WALL_PARTS.join(', ')}` }))
          .min(1, `must list at least one of ${WALL_PARTS.join(', ')}`),
      )
      .default([...WALL_PARTS]),
    theme: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['dark', 'light'], { error: 'must be "dark" or "light"' }))
      .default('dark'),
    sound: onOff.default(false),
    page: wholeNumber(1, 1000, 'pages').default(1),
    mute: muteParam(nowMs).default([]),
    // The directory the screen shows, read by the app around every page (src/queries/use-tenant.ts).
    tenant: z.string().optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown parameter` : undefined) },
);

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
  const parsed = wallParamsSchema(nowMs).safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          problems.push(`"${key}" is not a wall parameter (known: ${WALL_PARAM_NAMES.join(', ')})`);
        }
      } else {
        problems.push(`"${String(issue.path[0] ?? '?')}" ${issue.message}`);
      }
    }
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  const { gateways, subscription, type, name, rotate, show, theme, sound, page, mute } = parsed.data;
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
