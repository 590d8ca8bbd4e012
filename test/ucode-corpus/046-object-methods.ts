// `this` inside object-literal functions.
const acct = {
	owner: "kim",
	balance: 10,
	deposit: function (n: number) {
		this.balance += n;
		return this.balance;
	},
	describe: function () {
		return `${this.owner}: ${this.balance}`;
	},
	later: function () {
		return (() => this.owner)();
	},
};
acct.deposit(5);
acct.deposit(7);
print(acct.describe(), " ", acct.later(), "\n");
const other = { owner: "lee", balance: 1, describe: acct.describe };
print(other.describe(), "\n");
