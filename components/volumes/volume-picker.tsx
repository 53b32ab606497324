'use client';
// The volume backup form picks from the engine's volumes instead of a name typed by hand.
import { useVolumesQuery } from './queries';

export function VolumePicker({ value, onChange }: { value: string; onChange: (name: string) => void }) {
  const volumes = useVolumesQuery(false);
  return (
    <select className="input w-56 py-1 text-xs" value={value} onChange={(e) => onChange(e.target.value)} aria-label="Volume to back up">
      <option value="">{volumes.isLoading ? 'loading volumes…' : 'choose a volume'}</option>
      {(volumes.data ?? []).map((v) => (
        <option key={v.name} value={v.name}>
          {v.name}{v.containers.length ? ` (${v.containers.map((c) => c.name).join(', ')})` : ' (unused)'}
        </option>
      ))}
    </select>
  );
}
