import { useLayoutEffect, useState } from 'react';
import { createPortal } from 'react-dom';

/**
 * "Skip to peers", the first tab stop of the page: drawn at the very start of <body> (before the
 * app's header) so a keyboard user passes no header control to reach the peers.
 */
export function SkipToPeers({ targetId }: { targetId: string }) {
  const [host] = useState(() => document.createElement('div'));
  useLayoutEffect(() => {
    document.body.prepend(host);
    return () => host.remove();
  }, [host]);
  return createPortal(
    <a
      href={`#${targetId}`}
      onClick={(event) => {
        const target = document.getElementById(targetId);
        if (!target) return;
        // No fragment in the URL: the dashboard's URL is its view, and stays shareable as it is.
        event.preventDefault();
        target.focus();
        target.scrollIntoView({ block: 'start' });
      }}
      className="sr-only rounded bg-sky-300 px-3 py-2 font-semibold text-slate-950 focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
    >
      Skip to peers
    </a>,
    host,
  );
}
