'use client';
import { api } from '../api';

export const checkNow = () => api('/api/updates/check', { method: 'POST', json: {} });
export const updateService = (stack: string, service: string) =>
  api(`/api/stacks/${encodeURIComponent(stack)}/services/${encodeURIComponent(service)}/update`, { method: 'POST' });
