'use client';
// New stack (admins): a name that is also its folder under SLIPWAY_STACKS_DIR, a compose file validated by
// the compose CLI before anything is written, an optional .env.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { STACK_NAME_RE } from '@/server/contract';
import { CodeEditor } from './code-editor';
import { useCreateStack } from './mutations';
import { ApiError } from '../api';
import { Modal } from '../frame/modal';

const TEMPLATE = `services:
  web:
    image: slipway/busybox:1
    command: ["sleep", "infinity"]
    network_mode: host
`;

export function CreateStackDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [compose, setCompose] = useState(TEMPLATE);
  const [env, setEnv] = useState('');
  const [error, setError] = useState<{ message: string; line?: number } | null>(null);
  const create = useCreateStack();
  const router = useRouter();
  const nameOk = STACK_NAME_RE.test(name);
  const submit = async () => {
    setError(null);
    try {
      const r = await create.mutateAsync({ name, compose, env });
      router.push(`/stacks/${encodeURIComponent(r.name)}`);
    } catch (e) {
      setError({ message: (e as Error).message, line: e instanceof ApiError ? e.line : undefined });
    }
  };
  return (
    <Modal label="New stack" onClose={onClose} top>
      <div className="w-full max-w-2xl space-y-3 rounded-lg bg-white p-4 shadow-xl">
        <h3 className="font-semibold">New stack</h3>
        <label className="block text-sm">
          Name
          <input aria-label="Stack name" className="mt-1 w-full rounded border px-2 py-1 font-mono" value={name} onChange={(e) => setName(e.target.value)} placeholder="my-stack" />
        </label>
        {name && !nameOk && <p className="text-xs text-rose-600">Lower-case letters, digits, - and _; starting with a letter or digit; at most 63.</p>}
        <div className="text-sm">compose.yaml</div>
        <CodeEditor testId="new-compose-editor" language="yaml" value={compose} onChange={setCompose} error={error} />
        <div className="text-sm">.env (optional)</div>
        <CodeEditor testId="new-env-editor" language="env" value={env} onChange={setEnv} />
        {error && <pre className="whitespace-pre-wrap rounded bg-rose-50 p-2 text-xs text-rose-800" data-testid="create-error">{error.line ? `line ${error.line}: ` : ''}{error.message}</pre>}
        <div className="flex justify-end gap-2">
          <button className="rounded bg-slate-100 px-3 py-1.5 text-sm" onClick={onClose}>Cancel</button>
          <button className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white disabled:opacity-40" disabled={!nameOk || create.isPending} onClick={() => void submit()}>
            {create.isPending ? 'Validating…' : 'Create'}
          </button>
        </div>
      </div>
    </Modal>
  );
}
