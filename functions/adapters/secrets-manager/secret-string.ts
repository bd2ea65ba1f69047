import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The current value of a Secrets Manager secret (the stack generates it; the function's role may read that one only). */
export async function fetchSecretString(secretArn: string, region?: string): Promise<string> {
  const client = new SecretsManagerClient({ ...(region ? { region } : {}), maxAttempts: 3 });
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
    if (!SecretString) throw new Error(`The secret ${secretArn} holds no string`);
    return SecretString;
  } finally {
    client.destroy();
  }
}
