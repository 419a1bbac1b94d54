import { profile } from './zz-profile-tmp';
await profile();
