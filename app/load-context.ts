// What the Express server hands every loader and action (see server/app.ts).
declare module 'react-router' {
  interface AppLoadContext {
    clientAddress: string
  }
}

export {}
