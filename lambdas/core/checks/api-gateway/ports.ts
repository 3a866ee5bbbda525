/*
 * What the tracing, rate-limiting and cors-policies checks read of API Gateway: REST APIs (v1) and
 * HTTP APIs (v2), their stages and the usage plans. Plain data, no SDK types.
 */

/** A throttle: steady requests per second and burst; each absent when not set. */
export interface Throttle {
  readonly rateLimit?: number;
  readonly burstLimit?: number;
}

/** A REST API as GetRestApis lists it. */
export interface RestApi {
  readonly id: string;
  readonly name: string;
  /** `arn:<partition>:apigateway:<region>::/restapis/<id>`, as the tagging API names it. */
  readonly arn: string;
  /** `EDGE`, `REGIONAL` or `PRIVATE` (`endpointConfiguration.types`). */
  readonly endpointTypes: readonly string[];
}

/** A stage of a REST API as GetStages gives it. */
export interface RestStage {
  readonly apiId: string;
  readonly name: string;
  /** `arn:<partition>:apigateway:<region>::/restapis/<id>/stages/<name>`. */
  readonly arn: string;
  /** X-Ray active tracing (`tracingEnabled`; absent is off, the default). */
  readonly tracingEnabled: boolean;
  /** The throttle of every method (`methodSettings['*\/*']`), when the stage sets one. */
  readonly defaultThrottle?: Throttle;
  /** Methods (`/path/VERB`) with a throttle of their own. */
  readonly throttledMethods: readonly string[];
  /** The WAF web ACL associated with the stage (`webAclArn`), absent when none is. */
  readonly webAclArn?: string;
}

/** A usage plan as GetUsagePlans lists it: the stages it covers and its throttle. */
export interface UsagePlan {
  readonly id: string;
  readonly name: string;
  /** The plan's throttle, applied per API key. */
  readonly throttle?: Throttle;
  readonly stages: readonly { readonly apiId: string; readonly stage: string }[];
}

/** The CORS configuration of an HTTP API (`CorsConfiguration`). */
export interface HttpApiCors {
  readonly allowOrigins: readonly string[];
  readonly allowCredentials: boolean;
  readonly allowMethods: readonly string[];
}

/** An HTTP or WebSocket API as GetApis lists it. */
export interface HttpApi {
  readonly id: string;
  readonly name: string;
  /** `arn:<partition>:apigateway:<region>::/apis/<id>`, as the tagging API names it. */
  readonly arn: string;
  /** `HTTP` or `WEBSOCKET`. */
  readonly protocolType: string;
  /** Absent when the API has no CORS configuration. */
  readonly cors?: HttpApiCors;
}

/** A stage of an HTTP API as GetStages (v2) gives it. */
export interface HttpStage {
  readonly apiId: string;
  readonly name: string;
  /** `arn:<partition>:apigateway:<region>::/apis/<id>/stages/<name>`. */
  readonly arn: string;
  /** The throttle of every route (`DefaultRouteSettings`), when the stage sets one. */
  readonly defaultThrottle?: Throttle;
  /** Routes (`GET /orders`) with a throttle of their own (`RouteSettings`). */
  readonly throttledRoutes: readonly string[];
}

/**
 * What the checks read of REST APIs (API Gateway v1): tracing and rate-limiting. Every method throws
 * {@link import('../../errors').AwsCallError} when the call fails for good.
 */
export interface RestApiPorts {
  /** Every REST API of the region. */
  listRestApis(): Promise<RestApi[]>;
  /** The stages of one REST API (no listing carries them). */
  restStages(api: RestApi): Promise<RestStage[]>;
  /** Every usage plan of the region, with the stages it covers. */
  listUsagePlans(): Promise<UsagePlan[]>;
}

/**
 * What the checks read of HTTP and WebSocket APIs (API Gateway v2): rate-limiting and cors-policies.
 * Every method throws {@link import('../../errors').AwsCallError} when the call fails for good.
 */
export interface HttpApiPorts {
  /** Every HTTP and WebSocket API of the region, with its CORS configuration. */
  listHttpApis(): Promise<HttpApi[]>;
  /** The stages of one HTTP API (no listing carries them). */
  httpStages(api: HttpApi): Promise<HttpStage[]>;
}

/** Whether a throttle limits anything: a rate of zero or more (API Gateway writes -1 for "not set"). */
export function limits(throttle: Throttle | undefined): throttle is Throttle & { rateLimit: number } {
  return throttle?.rateLimit !== undefined && throttle.rateLimit >= 0;
}
