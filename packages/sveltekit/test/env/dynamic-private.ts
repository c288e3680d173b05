// Stands in for `$env/dynamic/private`: the server's environment, read when a request arrives.
// Tests fill it in (with the simulator's settings) before the first request.
export const env: Record<string, string | undefined> = {};
