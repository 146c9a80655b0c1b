import { useId, useState } from 'react';
import { isArmError } from '../../azure/arm-error';
import type { GatewaySummary } from '../../azure/gateways';
import { parseGatewayId } from '../../azure/resource-id';
import { summarizeError } from '../../bgp/error-summary';
import { useArmClient } from '../../queries/arm-client-context';

type AddState = { kind: 'idle' } | { kind: 'checking' } | { kind: 'added'; name: string } | { kind: 'problem'; message: string };

/**
 * Adds a gateway the list does not show (another subscription, or one Resource Graph has not
 * indexed yet) by its resource ID: the ID is checked before any request, then read with GET so a
 * gateway that does not exist is named as such rather than watched in vain.
 */
export function AddByResourceId({ onFound }: { onFound: (gateway: GatewaySummary) => void }) {
  const client = useArmClient();
  const inputId = useId();
  const messageId = useId();
  const [text, setText] = useState('');
  const [state, setState] = useState<AddState>({ kind: 'idle' });

  const add = async () => {
    let id: string;
    try {
      id = parseGatewayId(text).id;
    } catch (error) {
      if (!isArmError(error)) throw error;
      setState({ kind: 'problem', message: error.message });
      return;
    }
    setState({ kind: 'checking' });
    try {
      const gateway = await client.getGateway(id);
      onFound(gateway);
      setText('');
      setState({ kind: 'added', name: gateway.name });
    } catch (error) {
      if (!isArmError(error)) throw error;
      setState({ kind: 'problem', message: notFoundMessage(error) });
    }
  };

  return (
    <form
      className="flex flex-col gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <label htmlFor={inputId} className="text-sm text-slate-300">
        Add by resource ID
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={inputId}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="/subscriptions/…/resourceGroups/…/providers/Microsoft.Network/virtualNetworkGateways/…"
          aria-describedby={messageId}
          aria-invalid={state.kind === 'problem'}
          className="min-w-0 flex-1 rounded border border-slate-500 bg-slate-950 px-2 py-1 font-mono text-sm text-slate-100"
        />
        <button type="submit" disabled={state.kind === 'checking' || text.trim() === ''} className="rounded border border-slate-500 px-3 py-1 disabled:text-slate-400">
          Add
        </button>
      </div>
      <p id={messageId} role={state.kind === 'problem' ? 'alert' : 'status'} data-testid="add-by-id-message" className={state.kind === 'problem' ? 'text-red-200' : 'text-slate-300'}>
        {state.kind === 'problem' && state.message}
        {state.kind === 'checking' && 'Checking that the gateway exists…'}
        {state.kind === 'added' && `Added ${state.name}.`}
      </p>
    </form>
  );
}

function notFoundMessage(error: Parameters<typeof summarizeError>[0]): string {
  const { code, message } = summarizeError(error);
  if (code === 'ResourceNotFound' || code === 'ResourceGroupNotFound' || code === 'SubscriptionNotFound') {
    return `No such gateway (${code}): ${message}`;
  }
  return `Could not read this gateway (${code}): ${message}`;
}
