import { ECRClient } from '@aws-sdk/client-ecr';
import { Inspector2Client } from '@aws-sdk/client-inspector2';
import type { ImagesPorts } from '../../core/checks/images/ports';
import { type AwsClientOptions, clientConfig } from '../client-config';
import { basicScan, image, platformImages, registryScanning, repository } from './ecr';
import { imageCoverage, imageFindings, inspectorStatus } from './inspector';

/** The image ports over the given clients; tests pass their own. */
export function imagesPortsFromClients(clients: {
  ecr: ECRClient;
  inspector: Inspector2Client;
}): ImagesPorts {
  const { ecr, inspector } = clients;
  return {
    registryScanning: () => registryScanning(ecr),
    inspectorStatus: () => inspectorStatus(inspector),
    imageCoverage: (ref) => imageCoverage(inspector, ref),
    imageFindings: (ref, severities) => imageFindings(inspector, ref, severities),
    basicScan: (ref) => basicScan(ecr, ref),
    repository: (name) => repository(ecr, name),
    image: (ref) => image(ecr, ref),
    platformImages: (ref) => platformImages(ecr, ref),
  };
}

/** The image ports backed by AWS; the clients are created once per call of this factory. */
export function createAwsImagesPorts(options: AwsClientOptions): ImagesPorts {
  const config = clientConfig(options);
  return imagesPortsFromClients({ ecr: new ECRClient(config), inspector: new Inspector2Client(config) });
}
