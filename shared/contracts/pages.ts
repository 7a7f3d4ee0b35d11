/** Page paths the server also needs (counter codes point at the join page; messages link to pages). */
export const JOIN_PAGE = 'pages/join/join';
export const MEMBER_HOME_PAGE = 'pages/member-home/member-home';

/** The cloud functions, by bounded context. */
export const FUNCTIONS = { member: 'member', staff: 'staff', admin: 'admin', coupons: 'coupons', care: 'care', memberJobs: 'member-jobs', careJobs: 'care-jobs', automation: 'automation', automationJobs: 'automation-jobs', dashboard: 'dashboard', stock: 'stock' } as const;
