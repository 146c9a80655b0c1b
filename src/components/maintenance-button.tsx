import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { cleanNote, MAX_NOTE_LENGTH, type MaintenanceWindow } from '../bgp/maintenance';
import { formatDayClock } from '../lib/format';
import type { Maintenance } from './use-maintenance';

export interface MaintenanceTarget {
  gatewayId: string;
  neighbor: string | null;
  localAddress: string | null;
}

const DURATIONS: readonly { label: string; minutes: number }[] = [
  { label: '30 minutes', minutes: 30 },
  { label: '1 hour', minutes: 60 },
  { label: '2 hours', minutes: 120 },
  { label: '4 hours', minutes: 240 },
  { label: '8 hours', minutes: 480 },
  { label: '24 hours', minutes: 1440 },
  { label: '3 days', minutes: 4320 },
];

function sameTarget(window: MaintenanceWindow, target: MaintenanceTarget): boolean {
  const same = (a: string | null, b: string | null) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
  return same(window.gatewayId, target.gatewayId) && same(window.neighbor, target.neighbor) && same(window.localAddress, target.localAddress);
}

interface MaintenanceButtonProps {
  target: MaintenanceTarget;
  /** What is marked, in words: "gateway vpngw-1", "peer 10.1.0.4 (Instance 0) on vpngw-1". */
  what: string;
  maintenance: Maintenance;
  /** A compact button for table rows. */
  compact?: boolean;
}

/**
 * Marks a peer or a gateway expected down until a time, with a note (a native dialog: keyboard
 * and screen readers work as everywhere else), or ends the window early.
 */
export function MaintenanceButton({ target, what, maintenance, compact = false }: MaintenanceButtonProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  // The dialog exists only while open: a table of hundreds of peers must not carry hundreds of forms.
  const [open, setOpen] = useState(false);
  const [minutes, setMinutes] = useState(60);
  const [note, setNote] = useState('');
  const current = maintenance.windows.find((window) => sameTarget(window, target));
  const editable = current !== undefined && maintenance.saved.includes(current);
  const buttonClass = `rounded border whitespace-nowrap border-slate-400 text-slate-100 hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-sky-300 ${
    compact ? 'px-1.5 py-0.5 text-sm max-xl:whitespace-normal' : 'px-2 py-1'
  }`;

  useEffect(() => {
    if (open && dialogRef.current && !dialogRef.current.open) dialogRef.current.showModal();
  }, [open]);

  const save = (event: FormEvent) => {
    event.preventDefault();
    maintenance.add({ ...target, untilMs: Date.now() + minutes * 60_000, note: cleanNote(note) });
    dialogRef.current?.close();
  };

  if (current) {
    return (
      <span data-testid="maintenance-status" className="inline-flex flex-wrap items-center gap-x-2 text-sm text-slate-200">
        <span className="whitespace-nowrap">
          {compact ? 'until' : 'Expected down until'} {formatDayClock(current.untilMs)}
        </span>
        {current.note && (
          <span className={compact ? 'max-w-48 truncate' : undefined} title={current.note}>
            {current.note}
          </span>
        )}
        {editable && (
          <button type="button" className={buttonClass} aria-label={`End maintenance of ${what}`} onClick={() => maintenance.remove(current)}>
            End now
          </button>
        )}
      </span>
    );
  }

  return (
    <>
      <button type="button" className={buttonClass} aria-label={`Mark ${what} expected down`} onClick={() => setOpen(true)}>
        Expected down…
      </button>
      {open && (
      <dialog
        ref={dialogRef}
        onClose={() => setOpen(false)}
        aria-labelledby={headingId}
        className="m-auto w-[28rem] max-w-[95vw] rounded-lg border border-slate-500 bg-slate-900 p-4 text-slate-100 backdrop:bg-slate-950/70"
      >
        <form method="dialog" onSubmit={save} className="flex flex-col gap-3">
          <h2 id={headingId} className="text-lg font-bold">
            Mark {what} expected down
          </h2>
          <p className="text-sm text-slate-300">
            While it lasts, it is shown as expected down, counted apart and raises no alert. It ends by itself.
          </p>
          <label className="flex flex-col gap-1">
            For
            <select value={minutes} onChange={(event) => setMinutes(Number(event.target.value))} className="rounded border border-slate-500 bg-slate-800 px-2 py-1">
              {DURATIONS.map((duration) => (
                <option key={duration.minutes} value={duration.minutes}>
                  {duration.label}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            Note
            <input
              type="text"
              value={note}
              maxLength={MAX_NOTE_LENGTH}
              onChange={(event) => setNote(event.target.value)}
              placeholder="Change 4711: ISP maintenance"
              className="rounded border border-slate-500 bg-slate-800 px-2 py-1 placeholder:text-slate-400"
            />
          </label>
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonClass} onClick={() => dialogRef.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="rounded border border-sky-300 bg-sky-800 px-3 py-1 font-semibold text-white hover:bg-sky-700">
              Save
            </button>
          </div>
        </form>
      </dialog>
      )}
    </>
  );
}
