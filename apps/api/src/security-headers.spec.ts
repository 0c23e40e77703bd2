import helmet from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { HELMET_OPTIONS, helmetHeaders } from './security-headers';

describe('helmetHeaders', () => {
  it('should record the headers helmet itself sets on a real response', () => {
    const request = new IncomingMessage(new Socket());
    const response = new ServerResponse(request);
    const recorded = helmetHeaders();

    helmet(HELMET_OPTIONS)(request, response, () => undefined);

    const lowerCased = Object.fromEntries(
      Object.entries(recorded).map(([name, value]) => [name.toLowerCase(), value]),
    );
    expect(lowerCased).toEqual(response.getHeaders());
    expect(Object.keys(lowerCased)).toEqual(
      expect.arrayContaining(['content-security-policy', 'strict-transport-security']),
    );
  });
});
