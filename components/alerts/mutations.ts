'use client';
import { api } from '../api';
import type { AlertRule, AlertRuleInput, QuietHours } from '@/server/contract';

export type RuleBody = Partial<AlertRuleInput> & Pick<AlertRuleInput, 'name' | 'kind'>;
export const createRule = (b: RuleBody) => api('/api/alerts/rules', { method: 'POST', json: b });
export const updateRule = (id: number, b: RuleBody) => api(`/api/alerts/rules/${id}`, { method: 'PUT', json: b });
export const deleteRule = (id: number) => api(`/api/alerts/rules/${id}`, { method: 'DELETE' });
export const saveQuietHours = (q: QuietHours) => api('/api/alerts/quiet-hours', { method: 'PUT', json: q });
