import { HealthView } from '@/components/health/health-view';

export default function Page() {
  return <HealthView />;
}
