import type { AppConfig } from '../../config/app-config';

/** `/wall?…`: the NOC wall screen. (Placeholder for issue 4.) */
export default function WallPage({ config: _config }: { config: AppConfig }) {
  return <p className="p-8 text-3xl text-slate-300">Wall view comes here.</p>;
}
