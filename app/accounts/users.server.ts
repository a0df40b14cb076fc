import { getDb, nowIso, type Db } from '#app/platform/db/db.server.ts'
import { newId } from '#app/platform/ids.ts'
import { hashPassword, verifyPassword } from '#app/platform/auth/password.server.ts'

export async function findUserByEmail(email: string, db: Db = getDb()) {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst()
}

export class EmailInUseError extends Error {}

export async function createUser(input: { name: string; email: string; password: string }, db: Db = getDb()) {
  const passwordHash = await hashPassword(input.password)
  const user = {
    id: newId(),
    name: input.name,
    email: input.email.toLowerCase(),
    password_hash: passwordHash,
    created_at: nowIso(),
  }
  try {
    await db.insertInto('users').values(user).execute()
  } catch (error) {
    // The unique index is the real guard against two sign-ups racing for one address.
    if (String((error as Error).message).match(/UNIQUE|unique/)) throw new EmailInUseError()
    throw error
  }
  return { id: user.id, name: user.name, email: user.email }
}

// Verifying against a real hash when the address is unknown keeps both paths equally slow,
// so response time does not reveal which addresses have an account.
let dummyHash: Promise<string> | undefined

export async function verifyCredentials(email: string, password: string, db: Db = getDb()) {
  const user = await findUserByEmail(email, db)
  if (!user) {
    dummyHash ??= hashPassword('pactwerk-timing-equaliser')
    await verifyPassword(await dummyHash, password)
    return null
  }
  return (await verifyPassword(user.password_hash, password)) ? { id: user.id, name: user.name, email: user.email } : null
}
