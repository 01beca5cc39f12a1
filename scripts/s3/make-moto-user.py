"""Creates an IAM user with an access key allowed everything in a moto_server started with
INITIAL_NO_AUTH_ACTION_COUNT (so it checks every later request's signature); prints `KEY SECRET`.
    make-moto-user.py ENDPOINT"""
import json
import sys

import boto3

iam = boto3.client("iam", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap")
iam.create_user(UserName="hub")
key = iam.create_access_key(UserName="hub")["AccessKey"]
policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
iam.put_user_policy(UserName="hub", PolicyName="everything", PolicyDocument=json.dumps(policy))
print(key["AccessKeyId"], key["SecretAccessKey"])
