/** The home page's call and what it answers (aliases of the generated API types). */
import { api } from '../../lib/api.ts';
import type { Item, Reply } from '../../lib/api-schema.ts';

export type Tasks = Reply<'/api/me/tasks', 'get'>;
export type TaskCounts = Tasks['counts'];
export type TaskItem = Item<Tasks['recent']>;
export type TaskSpace = Item<Tasks['spaces']>;

export const fetchTasks = () => api<Tasks>('GET', '/api/me/tasks');
