'use client';
import { api } from '../api';

export const pullImage = (reference: string) => api('/api/images/pull', { method: 'POST', json: { reference } });
export const removeImage = (id: string) => api(`/api/images/${encodeURIComponent(id)}`, { method: 'DELETE' });
export const pruneImages = (ids: string[]) => api('/api/images/prune', { method: 'POST', json: { ids } });
