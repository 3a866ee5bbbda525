/// <reference types="aws-sdk-client-mock-vitest/dist/extend" />
import 'aws-sdk-client-mock-vitest/extend';
