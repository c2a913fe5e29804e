/// <reference types="@remix-run/dev" />

import '@remix-run/node'

// Single fetch (v3_singleFetch) changes how loader data is typed: opt the types in too.
declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}
