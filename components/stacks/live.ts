'use client';
// Operation pushes: output chunks and the end. Every signed-in socket of the environment gets them, so a
// page opened mid-operation (or reopened) reads the stored output first, then follows the pushes.
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { OPERATION_DONE, OPERATION_OUTPUT, type OperationDoneEvent, type OperationOutputEvent } from '@/server/contract';
import { getSocket } from '../socket';
import { stackKeys } from './queries';

export function useOperationEvents(stack: string, handlers: { onOutput?: (e: OperationOutputEvent) => void; onDone?: (e: OperationDoneEvent) => void }) {
  const qc = useQueryClient();
  const { onOutput, onDone } = handlers;
  useEffect(() => {
    const socket = getSocket();
    const out = (e: OperationOutputEvent) => e.stack === stack && onOutput?.(e);
    const done = (e: OperationDoneEvent) => {
      if (e.stack !== stack) return;
      onDone?.(e);
      void qc.invalidateQueries({ queryKey: stackKeys.operations(stack) });
      void qc.invalidateQueries({ queryKey: stackKeys.detail(stack) });
      void qc.invalidateQueries({ queryKey: stackKeys.list });
      void qc.invalidateQueries({ queryKey: stackKeys.operation(e.id) });
    };
    socket.on(OPERATION_OUTPUT, out);
    socket.on(OPERATION_DONE, done);
    return () => {
      socket.off(OPERATION_OUTPUT, out);
      socket.off(OPERATION_DONE, done);
    };
  }, [stack, onOutput, onDone, qc]);
}
