/**
 * The Azure clouds a deployment can point at, so config.json mistakes that would otherwise show
 * up as a sign-in loop or a wall of 401s are named at start: an authority that MSAL will not
 * trust, a sign-in cloud that does not match the ARM cloud, a client ID that cannot be Entra's.
 */
export interface AzureCloud {
  name: string;
  authorityHosts: readonly string[];
  armHosts: readonly string[];
}

export const AZURE_CLOUDS: readonly AzureCloud[] = [
  { name: 'Azure public cloud', authorityHosts: ['login.microsoftonline.com'], armHosts: ['management.azure.com'] },
  { name: 'Azure US Government', authorityHosts: ['login.microsoftonline.us'], armHosts: ['management.usgovcloudapi.net'] },
  {
    name: 'Azure operated by 21Vianet (China)',
    authorityHosts: ['login.chinacloudapi.cn', 'login.partner.microsoftonline.cn'],
    armHosts: ['management.chinacloudapi.cn'],
  },
];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CloudProblem {
  path: (string | number)[];
  message: string;
}

interface CloudInput {
  auth: { mode: string; clientId: string; authority: string; knownAuthorities: readonly string[] };
  arm: { endpoint: string };
}

function hostOf(url: string): string | null {
  return URL.canParse(url) ? new URL(url).host.toLowerCase() : null;
}

function cloudOfAuthority(host: string): AzureCloud | undefined {
  return AZURE_CLOUDS.find((cloud) => cloud.authorityHosts.includes(host));
}

function cloudOfArm(host: string): AzureCloud | undefined {
  return AZURE_CLOUDS.find((cloud) => cloud.armHosts.includes(host));
}

/** Problems with how the sign-in authority, the client ID and the ARM endpoint fit together. */
export function cloudProblems(config: CloudInput): CloudProblem[] {
  const problems: CloudProblem[] = [];
  const armUrl = URL.canParse(config.arm.endpoint) ? new URL(config.arm.endpoint) : null;
  if (armUrl && (armUrl.search !== '' || armUrl.hash !== '' || armUrl.username !== '' || armUrl.password !== '')) {
    problems.push({
      path: ['arm', 'endpoint'],
      message: `must be the ARM base URL alone, such as https://management.azure.com (no query, "#" or user name), not "${config.arm.endpoint}"`,
    });
  }
  if (config.auth.mode !== 'msal') return problems;

  const authorityHost = hostOf(config.auth.authority);
  const armHost = armUrl?.host.toLowerCase() ?? null;
  const authorityCloud = authorityHost ? cloudOfAuthority(authorityHost) : undefined;
  const armCloud = armHost ? cloudOfArm(armHost) : undefined;
  const known = config.auth.knownAuthorities.map((h) => h.trim().toLowerCase());

  if (authorityHost && !authorityCloud && !known.includes(authorityHost)) {
    const entraHosts = AZURE_CLOUDS.flatMap((cloud) => cloud.authorityHosts).join(', ');
    problems.push({
      path: ['auth', 'authority'],
      message: `"${authorityHost}" is not a Microsoft Entra ID cloud (${entraHosts}); if it is your own sign-in service, list "${authorityHost}" in auth.knownAuthorities`,
    });
  }
  if (authorityCloud && armCloud && authorityCloud !== armCloud) {
    problems.push({
      path: ['arm', 'endpoint'],
      message: `is in ${armCloud.name} but auth.authority signs in to ${authorityCloud.name}; both must be in the same cloud (${authorityCloud.name}: ${authorityCloud.armHosts.map((h) => `https://${h}`).join(', ')})`,
    });
  }
  if (authorityCloud && config.auth.clientId !== '' && !GUID.test(config.auth.clientId.trim())) {
    problems.push({
      path: ['auth', 'clientId'],
      message: `must be the Application (client) ID of the app registration, a GUID such as 00000000-0000-0000-0000-000000000000, not "${config.auth.clientId.slice(0, 80)}"`,
    });
  }
  return problems;
}
