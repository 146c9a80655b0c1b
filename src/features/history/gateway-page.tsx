import { useSearchParams } from 'wouter';
import type { AppConfig } from '../../config/app-config';

/** `/gateway?id={resourceId}`: one gateway's peers with their history. (Placeholder for issue 3.) */
export default function GatewayPage({ config: _config }: { config: AppConfig }) {
  const [params] = useSearchParams();
  return <p className="text-slate-300">History of {params.get('id') ?? 'no gateway'} comes here.</p>;
}
