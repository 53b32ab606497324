'use client';
import { api } from '../api';
import { alertRuleBody, quietHoursBody, type ApiBody, type QuietHours } from '@/server/contract';
import { checkedBody } from '../form-check';

/** A rule as the form sends it: the schema's input (defaults may be left out). */
export type RuleBody = ApiBody<'POST /api/alerts/rules'>;
// checked with the route's own schema first: an unsafe regex or a missing "minutes" is answered at once
export const createRule = (b: RuleBody) => api('/api/alerts/rules', { method: 'POST', json: checkedBody(alertRuleBody, b) });
export const updateRule = (id: number, b: RuleBody) => api(`/api/alerts/rules/${id}`, { method: 'PUT', json: checkedBody(alertRuleBody, b) });
export const deleteRule = (id: number) => api(`/api/alerts/rules/${id}`, { method: 'DELETE' });
export const saveQuietHours = (q: QuietHours) => api('/api/alerts/quiet-hours', { method: 'PUT', json: checkedBody(quietHoursBody, q) });
