import { getProviderProfile } from "./provider-profile.js";
import type { ProviderProfile, S3Provider } from "./provider-profile.js";

/** Where and how to reach the store; mirrors the `HOIST_S3_*` variables, which only the app's env.ts reads. */
export interface S3Config {
  /** Base URL such as `http://127.0.0.1:9000`; unset means AWS's regional endpoint. */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Both or neither; when unset the AWS default credential chain is used. */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Unset: the provider's default from {@link ProviderProfile.forcePathStyle}. */
  forcePathStyle?: boolean;
  provider: S3Provider;
}

/** An {@link S3Config} with every default applied, as the client and signer use it. */
export interface ResolvedS3Config {
  readonly endpoint: string;
  readonly region: string;
  readonly bucket: string;
  readonly forcePathStyle: boolean;
  readonly credentials: StaticCredentials | undefined;
  readonly profile: ProviderProfile;
}

/** Access keys from the config (`HOIST_S3_ACCESS_KEY_ID` / `_SECRET_ACCESS_KEY`); without them the SDK's default chain is used. */
export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

function staticCredentials(config: S3Config): StaticCredentials | undefined {
  const { accessKeyId, secretAccessKey } = config;
  if (accessKeyId === undefined && secretAccessKey === undefined) return undefined;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error("S3 credentials need both an access key id and a secret access key, or neither");
  }
  return { accessKeyId, secretAccessKey };
}

/**
 * Applies defaults: the provider's URL style, AWS's regional endpoint when none is given. Non-AWS providers have
 * no default endpoint, so a missing one is a configuration error rather than a silent call to AWS.
 *
 * @throws Error naming what is missing or inconsistent
 */
export function resolveS3Config(config: S3Config): ResolvedS3Config {
  const profile = getProviderProfile(config.provider);
  if (config.endpoint === undefined && config.provider !== "aws") {
    throw new Error(`S3 provider "${config.provider}" needs an endpoint URL; only "aws" has a default`);
  }
  const endpoint = config.endpoint ?? `https://s3.${config.region}.amazonaws.com`;
  return {
    endpoint: endpoint.replace(/\/+$/, ""),
    region: config.region,
    bucket: config.bucket,
    forcePathStyle: config.forcePathStyle ?? profile.forcePathStyle,
    credentials: staticCredentials(config),
    profile,
  };
}
