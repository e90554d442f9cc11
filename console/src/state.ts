// What every page may need: the signed-in person and the console metadata.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me, Meta } from './api';

export interface AppState {
  me: Me;
  meta: Meta;
  /** Title of a task kind in the current language. */
  taskTitle(kind: string): string;
}

export const AppContext = createContext<AppState>(null as unknown as AppState);
export const useApp = () => useContext(AppContext);
