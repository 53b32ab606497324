'use client';
// A small modal asking before an action whose inputs it holds (kill signal, new name, typed name); the
// action then runs behind the action bar's status line. It sits in the shared Modal frame (Escape, focus).
import type { ReactNode } from 'react';
import { Modal } from '../frame/modal';

export function ConfirmDialog(props: { title: string; text: string; action: string; danger?: boolean; disabled?: boolean; onConfirm: () => void; onCancel: () => void; children?: ReactNode }) {
  return (
    <Modal label={props.title} onClose={props.onCancel}>
      <div className="card w-full max-w-md space-y-3 p-4 text-left shadow-xl">
        <h3 className="font-semibold">{props.title}</h3>
        <p className="text-sm text-slate-600">{props.text}</p>
        {props.children}
        <div className="flex justify-end gap-2">
          <button className="btn" onClick={props.onCancel}>Cancel</button>
          <button className={props.danger ? 'btn btn-danger' : 'btn-primary'} disabled={props.disabled} onClick={props.onConfirm}>
            {props.action}
          </button>
        </div>
      </div>
    </Modal>
  );
}
