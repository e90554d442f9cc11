// What every page may need: the signed-in person and the console metadata.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me, Meta } from './api';
import type { CalendarData } from './working-time';

export interface AppState {
  me: Me;
  meta: Meta;
  /** Title of a task kind in the current language. */
  taskTitle(kind: string): string;
  /** The department's calendar (GET /calendar) for working-time countdowns; undefined until loaded. */
  calendar?: CalendarData;
  /** Reads the calendar again (after the supervisor changed it). */
  reloadCalendar(): void;
}

export const AppContext = createContext<AppState>(null as unknown as AppState);
export const useApp = () => useContext(AppContext);
