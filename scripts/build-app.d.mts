/** Types of build-app.mjs (plain JavaScript so it runs before anything is compiled). */
export declare const APP_DIR: string;
export declare function appBuildIsCurrent(): boolean;
export declare function ensureAppBuild(options?: { log?: (line: string) => void }): Promise<boolean>;
export declare function newestMtime(path: string, skip?: (name: string) => boolean): number;
export declare function withBuildLock<T>(lockDir: string, work: () => Promise<T>): Promise<T>;
