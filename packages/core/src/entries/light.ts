// Everything that loads neither the Dodo SDK nor zod, imported by every published entry point.
// With tree shaking off (see tsup.config.ts), this makes all of it reachable from every entry, so
// the build puts it into one shared chunk instead of a chunk per combination of entries: a route's
// cold start pays per file.
import "../internal";
