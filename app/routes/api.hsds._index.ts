import { apiInfo, hsdsJson } from '~/modules/directory/hsds.server'

// Public: what this HSDS API is (openapi GET /).
export function loader() {
  return hsdsJson(apiInfo())
}
