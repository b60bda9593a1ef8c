import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'cashflow:public';

/** A route served without credentials (health checks). Everything else needs a principal. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
