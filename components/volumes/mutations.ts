'use client';
import { api } from '../api';

export const removeUnusedVolumes = (names: string[]) => api('/api/volumes/prune', { method: 'POST', json: { names } });
export const removeVolume = (name: string) => api(`/api/volumes/${encodeURIComponent(name)}`, { method: 'DELETE' });
