import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher({ cost: 2 ** 10 });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hasher.hash('秘密-secret-1');
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$/);
    await expect(hasher.verify('秘密-secret-1', stored)).resolves.toBe(true);
    await expect(hasher.verify('secret-2', stored)).resolves.toBe(false);
  });

  it('salts: two hashes of one password differ', async () => {
    expect(await hasher.hash('same')).not.toBe(await hasher.hash('same'));
  });

  it('refuses a malformed stored hash', async () => {
    await expect(hasher.verify('x', 'plain')).resolves.toBe(false);
  });
});
