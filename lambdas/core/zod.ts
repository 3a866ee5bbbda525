import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/*
 * zod/mini with zod's English messages: the schemas of the configuration, the state machines' input
 * and the control endpoint import zod from here. zod/mini is tree-shaken down to the schemas a
 * function uses (the classic API keeps all of zod, about 100 KiB, in every bundle that imports it);
 * classic zod loads its English locale on import and zod/mini loads none, so without this a message
 * that no schema writes itself would read "Invalid input" instead of what was expected and received.
 */
z.config(en());

export * from 'zod/mini';
