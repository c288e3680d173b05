// Starts the production build (`vite build` writes build/ with @sveltejs/adapter-node) on PORT
// (default 3000) and on this machine only: adapter-node's own default host is 0.0.0.0, every
// interface. Set HOST=0.0.0.0 to listen on all of them.
process.env.HOST ||= "localhost";
await import("./build/index.js");
