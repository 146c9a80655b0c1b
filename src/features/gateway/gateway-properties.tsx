import { useId } from 'react';
import type { BgpPeeringAddress, GatewaySummary } from '../../azure/gateways';
import { summarizeError } from '../../bgp/error-summary';

interface GatewayPropertiesProps {
  summary: GatewaySummary | null;
  /** Why the gateway could not be read (its peers are still polled). */
  error: unknown;
}

const TYPE_WORDS: Record<string, string> = { Vpn: 'VPN', ExpressRoute: 'ExpressRoute' };

/** The gateway as ARM describes it: what an engineer checks before reading its peers. */
export function GatewayProperties({ summary, error }: GatewayPropertiesProps) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} data-testid="gateway-properties" className="flex flex-col gap-2 rounded-lg border border-slate-700 bg-slate-900 p-4">
      <h2 id={headingId} className="text-lg font-bold text-white">
        Properties
      </h2>
      {summary ? (
        <>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr_max-content_1fr]">
            <Property name="Type" value={summary.gatewayType ? (TYPE_WORDS[summary.gatewayType] ?? summary.gatewayType) : null} />
            <Property name="VPN type" value={summary.vpnType} />
            <Property name="SKU" value={summary.sku} />
            <Property name="Generation" value={summary.generation} />
            <Property name="Active-active" value={summary.activeActive ? 'Yes' : 'No'} />
            <Property name="BGP" value={summary.enableBgp ? 'Enabled' : 'Disabled'} />
            <Property name="Local ASN" value={summary.bgpAsn === null ? null : String(summary.bgpAsn)} />
            <Property name="Provisioning state" value={summary.provisioningState} />
            <Property name="Location" value={summary.location} />
            <Property name="Resource group" value={summary.resourceGroup} />
          </dl>
          <PeeringAddresses addresses={summary.bgpPeeringAddresses} />
        </>
      ) : error ? (
        <p role="alert" className="text-amber-200">
          The gateway&apos;s properties could not be read: {summarizeError(error).headline}. {summarizeError(error).code} —{' '}
          {summarizeError(error).message}
        </p>
      ) : (
        <p role="status" className="text-slate-300">
          Reading the gateway…
        </p>
      )}
    </section>
  );
}

function Property({ name, value }: { name: string; value: string | null }) {
  return (
    <>
      <dt className="text-slate-300">{name}</dt>
      <dd data-property={name} className="font-semibold text-slate-50">
        {value ?? <span className="font-normal text-slate-400">not reported</span>}
      </dd>
    </>
  );
}

/** "default" from ".../ipConfigurations/default": the instance an address belongs to. */
function instanceName(address: BgpPeeringAddress, index: number): string {
  return address.ipconfigurationId?.split('/').pop() || `instance ${index + 1}`;
}

function PeeringAddresses({ addresses }: { addresses: readonly BgpPeeringAddress[] }) {
  if (addresses.length === 0) return <p className="text-slate-300">No BGP peering addresses reported.</p>;
  const list = (values: readonly string[]) => (values.length > 0 ? values.join(', ') : '—');
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full border-collapse text-left text-sm" data-testid="peering-addresses">
        <caption className="py-1 text-left font-semibold text-slate-200">BGP peering addresses per instance</caption>
        <thead>
          <tr className="border-b border-slate-600 text-slate-300">
            <th scope="col" className="px-2 py-1">Instance (IP configuration)</th>
            <th scope="col" className="px-2 py-1">Default BGP addresses</th>
            <th scope="col" className="px-2 py-1">Custom (APIPA) BGP addresses</th>
            <th scope="col" className="px-2 py-1">Tunnel IP addresses</th>
          </tr>
        </thead>
        <tbody>
          {addresses.map((address, index) => (
            <tr key={address.ipconfigurationId ?? index} className="border-b border-slate-800 font-mono">
              <th scope="row" className="px-2 py-1 font-sans font-semibold">
                {instanceName(address, index)}
              </th>
              <td className="px-2 py-1">{list(address.defaultBgpIpAddresses)}</td>
              <td className="px-2 py-1">{list(address.customBgpIpAddresses)}</td>
              <td className="px-2 py-1">{list(address.tunnelIpAddresses)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
