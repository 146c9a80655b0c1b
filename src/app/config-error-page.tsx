/** Shown instead of the dashboard when config.json is missing or wrong; lists every problem at once. */
export function ConfigErrorPage({ problems }: { problems: readonly string[] }) {
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-4 p-8">
      <h1 className="text-2xl font-bold text-white">The dashboard cannot start: config.json needs fixing</h1>
      <div role="alert" className="rounded border-2 border-red-400 bg-red-950/60 p-4">
        <p className="font-semibold">
          {problems.length === 1 ? '1 problem' : `${problems.length} problems`} found in config.json:
        </p>
        <ul className="mt-2 list-disc pl-6">
          {problems.map((problem) => (
            <li key={problem} className="font-mono break-words">
              {problem}
            </li>
          ))}
        </ul>
      </div>
      <p className="text-slate-300">
        Edit <code>config.json</code> next to the app's <code>index.html</code> (<code>public/config.json</code> in the
        repository), then reload. The README lists every field.
      </p>
      <button
        type="button"
        onClick={() => window.location.reload()}
        className="self-start rounded border border-slate-400 px-3 py-1 hover:border-white"
      >
        Reload
      </button>
    </main>
  );
}
