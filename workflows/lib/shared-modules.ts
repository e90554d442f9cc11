// Evaluated once per worker thread and shared by every case (the SDK's `preloadModules`), instead of once per
// case: zod is most of what a case's modules cost (see "What a case costs the worker" in the README).
import { z } from 'zod';

// Every module of zod's API, not only the one `config` is in: zod declares no side effects, so the bundler
// would otherwise leave the schema modules for each case to evaluate again.
export const zodApi = Object.keys(z).length;

// The SDK freezes shared modules once this has run, so zod's global settings are all made here: the ones zod
// would otherwise set on first use (English messages, its parse memoizer), and jitless parsing. Jitless compiles
// no code per schema and case (a case out of the cache would compile it again), and never reaches zod's lazily
// cached `allowsEval` probe, which a frozen module could not store.
z.config(z.locales.en());
z.config({ memoizer: z.memoizer(), jitless: true });
