import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp';

/**
 * One llama.cpp binding per process, shared by every llamacpp provider and released when the
 * last one closes (loading the native binding takes a while and holds native resources).
 * CPU only, prebuilt binaries only: nothing is built or downloaded at run time.
 */
let shared: { llama: Promise<Llama>; users: number } | undefined;

export async function acquireLlama(): Promise<Llama> {
  if (!shared) {
    const llama = getLlama({
      gpu: false,
      build: 'never',
      usePrebuiltBinaries: true,
      skipDownload: true,
      progressLogs: false,
      logLevel: LlamaLogLevel.error,
    });
    shared = { llama, users: 0 };
    // A failed load must not poison later attempts.
    llama.catch(() => {
      if (shared?.llama === llama) shared = undefined;
    });
  }
  shared.users++;
  return shared.llama;
}

export async function releaseLlama(): Promise<void> {
  if (!shared) return;
  shared.users--;
  if (shared.users > 0) return;
  const { llama } = shared;
  shared = undefined;
  await (await llama).dispose();
}
