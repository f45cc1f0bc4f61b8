/** The app a world's requests are made as, and the installation they read and mint tokens for. */
export interface BenchApp {
  appId: number;
  keyPem: string;
  installationId: number;
}
